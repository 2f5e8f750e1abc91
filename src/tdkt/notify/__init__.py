"""Sending notifications (gửi thông báo): the only place that knows apprise."""

from tdkt.notify.sender import AppriseNotifier, Notifier, RecordingNotifier, SendOutcome

__all__ = ["AppriseNotifier", "Notifier", "RecordingNotifier", "SendOutcome"]
