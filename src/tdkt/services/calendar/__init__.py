"""The working calendar's moved days: entered by an admin on the web or from a file."""
