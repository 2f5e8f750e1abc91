"""Send one message to one apprise URL and say exactly what happened.

The outbox decides what to send and when; a notifier only delivers and reports. A timeout is
reported apart from a failure because the message may have arrived: the outbox never resends
it blindly.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from typing import Protocol
from urllib.parse import quote

import apprise

from tdkt.notify.mail import MailSessions

__all__ = ["SendOutcome", "Notifier", "AppriseNotifier", "RecordingNotifier", "keyed", "KEY_HEADER"]

log = logging.getLogger(__name__)

#: Longest error text kept on an outbox row.
_MAX_ERROR = 500


@dataclass(frozen=True)
class SendOutcome:
    ok: bool
    error: str | None = None
    #: the service did not answer in time: delivery is unknown, never resend blindly
    timed_out: bool = False


class Notifier(Protocol):
    def send(self, url: str, subject: str, text: str, html: str, key: str = "") -> SendOutcome:
        """Deliver ``html`` when given (the outbox stores it for channels that show HTML),
        else ``text``. ``key`` is the message's stable identity: every attempt to send the same
        outbox row carries it, so a receiver can recognise a copy."""
        ...


#: schemes whose apprise plugin passes ``+Header=value`` URL arguments on as headers (e-mail,
#: JSON / form / XML webhooks)
_HEADER_SCHEMES = frozenset({"mailto", "mailtos", "json", "jsons", "form", "forms", "xml", "xmls"})
#: e-mail: sent on kept connections by :class:`~tdkt.notify.mail.MailSessions`
_MAIL_SCHEMES = frozenset({"mailto", "mailtos"})
#: header carrying :meth:`Notifier.send`'s ``key``: apprise writes its own Message-ID, new for
#: each attempt, so the stable identity travels in a header of its own
KEY_HEADER = "X-Tdkt-Message-Key"
#: what the SMTP library says (in apprise's debug lines) when the connection broke while the
#: message was being submitted or its acceptance awaited — the server gone mid-reply, the reply
#: never read: the message may be stored, so delivery is unknown. A refusal (a 4xx/5xx reply)
#: or a connection never made is an ordinary failure.
_UNKNOWN_OUTCOME = re.compile(r"Socket Exception: .*(unexpectedly closed|timed out|reset by peer|broken pipe|"
                              r"EOF occurred)", re.IGNORECASE)


def keyed(url: str, key: str) -> str:
    """``url`` with the message key as a header argument, for the schemes that take one."""
    scheme = url.split("://", 1)[0].lower()
    if not key or scheme not in _HEADER_SCHEMES:
        return url
    return f"{url}{'&' if '?' in url else '?'}{quote('+' + KEY_HEADER)}={quote(key, safe='@.-')}"


class AppriseNotifier:
    """Delivers e-mail on SMTP connections kept open for the whole run (:mod:`tdkt.notify.mail`:
    apprise reads the URL and builds the message), every other channel through apprise, one
    fresh ``Apprise`` object per message.

    apprise throttles per *plugin object* (the e-mail plugin waits 5.5 s between two sends
    of the same object); a fresh object's first send is never throttled, so bulk delivery
    is not slowed, and no object is shared between threads. One notifier serves one thread;
    :meth:`close` ends its connections (the outbox calls it at the end of a run).
    """

    def __init__(self, service_timeout: float = 30.0) -> None:
        # Memory storage: apprise writes nothing to disk; the timeout bounds a hung service.
        self._asset = apprise.AppriseAsset(storage_mode="memory", service_timeout=service_timeout)
        self._mail = MailSessions(timeout=service_timeout)

    def close(self) -> None:
        self._mail.close()

    def send(self, url: str, subject: str, text: str, html: str, key: str = "") -> SendOutcome:
        if url.split("://", 1)[0].lower() in _MAIL_SCHEMES:
            try:
                sent = self._mail.send(keyed(url, key), subject, text, html, key)
            # as below: one broken channel must not stop delivery of the others
            except Exception as err:
                log.warning("e-mail delivery raised %s", type(err).__name__)
                return SendOutcome(False, f"{type(err).__name__}: {err}"[:_MAX_ERROR])
            return SendOutcome(sent.ok, sent.error, timed_out=sent.unknown)
        client = apprise.Apprise(asset=self._asset)
        body, fmt = (html, apprise.NotifyFormat.HTML) if html else (text, apprise.NotifyFormat.TEXT)
        try:
            if not client.add(keyed(url, key)):
                return SendOutcome(False, "invalid channel URL")
            with apprise.LogCapture(level=logging.DEBUG) as captured:  # the socket's own exception
                result = client.notify(title=subject, body=body, body_format=fmt)
        # A plugin may raise anything (bad URL parts, network stack, encoding); one broken
        # channel must not stop delivery of the others, so it becomes a failed outcome.
        except Exception as err:
            log.warning("apprise raised %s while sending", type(err).__name__)
            return SendOutcome(False, f"{type(err).__name__}: {err}"[:_MAX_ERROR])
        if result:
            return SendOutcome(True)
        if result.timeout_count:
            return SendOutcome(False, "timeout: the service did not answer in time", timed_out=True)
        text = _error_text(result)
        lost = _UNKNOWN_OUTCOME.search(captured.getvalue())
        if lost:
            return SendOutcome(False, f"connection lost while submitting, delivery unknown: {lost.group(0)} "
                                      f"| {text}"[:_MAX_ERROR], timed_out=True)
        return SendOutcome(False, text)


def _error_text(result: apprise.AppriseResult) -> str:
    """The warnings apprise logged for the failed service (it says no more than that)."""
    messages = [
        entry.message
        for service in result.results
        if not service
        for entry in service.logs()
        if entry.level in ("WARNING", "ERROR", "CRITICAL")
    ]
    text = " | ".join(messages) or f"apprise status {result.status.name}"
    return text[:_MAX_ERROR]


@dataclass
class RecordingNotifier:
    """In-memory fake: records every send; URLs in ``fail`` fail, URLs in ``time_out`` time out."""

    fail: set[str] = field(default_factory=set)
    time_out: set[str] = field(default_factory=set)
    sent: list[tuple[str, str, str]] = field(default_factory=list)
    attempts: list[str] = field(default_factory=list)

    def send(self, url: str, subject: str, text: str, html: str = "", key: str = "") -> SendOutcome:
        body = html or text
        self.attempts.append(url)
        if url in self.time_out:
            return SendOutcome(False, "timeout (fake)", timed_out=True)
        if url in self.fail:
            return SendOutcome(False, "refused (fake)")
        self.sent.append((url, subject, body))
        return SendOutcome(True)
