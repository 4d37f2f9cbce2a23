"""The seat's sync client (同步客户端): outbox push, cursor pull, backoff; no Qt, runs on any thread."""
