-- Run once by the postgres image on an empty data volume: the Prefect server keeps its own
-- database beside tdkt's (same server, same owner), never SQLite under concurrent workers.
CREATE DATABASE prefect OWNER tdkt;
