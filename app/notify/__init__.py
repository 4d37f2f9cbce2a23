"""Notifications (通知): what the seat tells its operator about, derived from pulls, the SLA clock
and sync conflicts; Qt-free. The store is app/store/notifications.py, the list ui/notify/."""
