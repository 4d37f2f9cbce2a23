"""The central ticket server (中心工单服务): FastAPI over SQLAlchemy, SQLite embedded or PostgreSQL.

Start it with ``hotline-server serve`` (sync.server.cli); build it in code with
``sync.server.app.create_app(ServerSettings(...))``. All state lives in the database, so several
workers behind a load balancer serve the same seats.
"""
