"""E-mail of a whole delivery run on one SMTP connection per relay.

apprise opens, greets, authenticates and closes a connection for every message: 10,000 reminders
are 10,000 connections. Here the ``mailto://`` URL is still read by apprise (host, port, TLS mode,
login, sender, recipient, ``+Header`` arguments) and the message is still built by apprise, but
it goes out on a connection kept open between messages, and each step of the SMTP dialogue is
done on its own, so that the outcome is known exactly:

- the connection cannot be made, or ``MAIL``/``RCPT``/``DATA`` is refused: nothing was handed
  over, an ordinary failure (retried later); a kept connection found closed before anything was
  handed over is opened again once, silently (servers close idle connections);
- the connection breaks or times out once the message's content has begun to go out (after the
  ``354``), before its ``250`` arrived: the server may have stored it — ``timed_out``, the outbox
  marks it uncertain and never resends it blindly;
- a ``4xx``/``5xx`` reply to the content: refused, an ordinary failure.

Every message carries the outbox key as ``X-Tdkt-Message-Key`` and as its ``Message-ID``, the
same on every attempt, so a receiver (or an operator) can recognise a copy.
"""

from __future__ import annotations

import logging
import re
import smtplib
import ssl
from dataclasses import dataclass
from typing import Any

import apprise
from apprise.plugins.email import NotifyEmail

__all__ = ["MailSessions"]

log = logging.getLogger(__name__)
_MAX_ERROR = 500
_FAILURES = (OSError, smtplib.SMTPException)
_HEADER_END = re.compile(r"\r?\n\r?\n")


@dataclass(frozen=True)
class Outcome:
    ok: bool
    error: str | None = None
    unknown: bool = False


def _wire(body: str) -> bytes:
    """The message as DATA sends it: CRLF line ends, leading dots doubled, the final dot."""
    data = re.sub(r"(?:\r\n|\n|\r(?!\n))", "\r\n", body).encode("ascii")
    data = re.sub(rb"(?m)^\.", b"..", data)
    if not data.endswith(b"\r\n"):
        data += b"\r\n"
    return data + b".\r\n"


def _stable_id(body: str, key: str) -> str:
    """apprise writes a random Message-ID: the outbox key takes its place."""
    end = _HEADER_END.search(body)
    cut = end.start() if end else len(body)
    head = re.sub(r"(?im)^Message-ID:[^\r\n]*(?:\r?\n[ \t][^\r\n]*)*", f"Message-ID: <{key}>", body[:cut], count=1)
    return head + body[cut:]


class MailSessions:
    """Open SMTP connections keyed by relay and login, reused from one message to the next."""

    def __init__(self, timeout: float) -> None:
        self._timeout = timeout
        self._open: dict[tuple[Any, ...], smtplib.SMTP] = {}

    def send(self, url: str, subject: str, text: str, html: str, key: str) -> Outcome:
        plugin = apprise.Apprise.instantiate(url)
        if not isinstance(plugin, NotifyEmail) or not plugin.targets:
            return Outcome(False, "invalid e-mail channel URL")
        fmt = apprise.NotifyFormat.HTML if html else apprise.NotifyFormat.TEXT
        headers = {"X-Application": plugin.app_id, **plugin.headers}
        messages = list(NotifyEmail.prepare_emails(
            subject=subject, body=html or text, notify_format=fmt, from_addr=plugin.from_addr, to=plugin.targets,
            cc=plugin.cc, bcc=plugin.bcc, reply_to=plugin.reply_to, smtp_host=plugin.smtp_host, headers=headers,
            names=plugin.names, tzinfo=plugin.tzinfo))
        outcome = Outcome(True)
        for message in messages:  # one per recipient of the URL (the outbox gives one)
            body = _stable_id(message.body, key) if key else message.body
            outcome = self._submit(plugin, plugin.from_addr[1], message.to_addrs, body)
            if not outcome.ok:
                break
        return outcome

    def close(self) -> None:
        for conn in self._open.values():
            try:
                conn.quit()
            except _FAILURES:
                conn.close()
        self._open.clear()

    def _connect(self, plugin: NotifyEmail) -> smtplib.SMTP:
        context = ssl.create_default_context()
        if not plugin.verify_certificate:
            context.check_hostname, context.verify_mode = False, ssl.CERT_NONE
        conn: smtplib.SMTP
        if plugin.secure_mode == "ssl":
            conn = smtplib.SMTP_SSL(plugin.smtp_host, plugin.port, timeout=self._timeout, context=context)
        else:
            conn = smtplib.SMTP(plugin.smtp_host, plugin.port, timeout=self._timeout)
        try:
            conn.ehlo_or_helo_if_needed()
            if plugin.secure_mode == "starttls":
                conn.starttls(context=context)
                conn.ehlo()
            if plugin.user and plugin.password:
                conn.login(plugin.user, plugin.password)
        except BaseException:
            conn.close()
            raise
        return conn

    def _drop(self, where: tuple[Any, ...]) -> None:
        conn = self._open.pop(where, None)
        if conn is not None:
            conn.close()

    def _submit(self, plugin: NotifyEmail, sender: str, recipients: list[str], body: str) -> Outcome:
        where = (plugin.smtp_host, plugin.port, plugin.secure_mode, plugin.user, plugin.password,
                 plugin.verify_certificate)
        try:
            payload = _wire(body)
        except UnicodeEncodeError as err:
            return Outcome(False, f"message not encodable: {err}"[:_MAX_ERROR])
        for _ in range(2):  # a kept connection the server closed meanwhile: opened again once
            reused = where in self._open
            try:
                conn = self._open[where] if reused else self._connect(plugin)
            except (*_FAILURES, ValueError) as err:
                return Outcome(False, f"cannot connect to {plugin.smtp_host}:{plugin.port}: {err}"[:_MAX_ERROR])
            self._open[where] = conn
            try:  # nothing of the message is handed over before the 354
                refusal = self._envelope(conn, sender, recipients)
            except _FAILURES as err:
                self._drop(where)
                if reused:
                    continue
                return Outcome(False, f"connection lost before the message was handed over: {err}"[:_MAX_ERROR])
            if refusal:
                return Outcome(False, refusal[:_MAX_ERROR])
            try:
                conn.send(payload)
                code, reply = conn.getreply()
            except _FAILURES as err:  # the content went out (in part or whole), no answer came back
                self._drop(where)
                log.warning("SMTP connection lost after the message was handed over: delivery unknown")
                return Outcome(False, f"connection lost while submitting, delivery unknown: {type(err).__name__}: "
                                      f"{err}"[:_MAX_ERROR], unknown=True)
            if code != 250:
                return Outcome(False, f"the server refused the message: {code} {reply.decode(errors='replace')}"
                               [:_MAX_ERROR])
            return Outcome(True)
        return Outcome(False, "connection lost before the message was handed over")

    @staticmethod
    def _envelope(conn: smtplib.SMTP, sender: str, recipients: list[str]) -> str | None:
        """``MAIL``, ``RCPT`` each, ``DATA`` up to its ``354``; a refusal's text, or None."""
        code, reply = conn.mail(sender)
        if code != 250:
            conn.rset()
            return f"sender refused: {code} {reply.decode(errors='replace')}"
        refused = []
        for rcpt in recipients:
            code, reply = conn.rcpt(rcpt)
            if code not in (250, 251):
                refused.append(f"{rcpt}: {code} {reply.decode(errors='replace')}")
        if refused:  # one refused recipient fails the message: retried whole, never half-delivered
            conn.rset()
            return "recipient refused: " + "; ".join(refused)
        conn.putcmd("data")
        code, reply = conn.getreply()
        if code != 354:
            conn.rset()
            return f"DATA refused: {code} {reply.decode(errors='replace')}"
        return None
