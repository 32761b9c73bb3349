"""The benchmark's PostgreSQL databases: a seed per app, loaded once, and a fresh copy of
it for every run (CREATE DATABASE ... TEMPLATE: seconds, statistics included)."""

import psycopg
from psycopg import sql


class Server:
    def __init__(self, admin_url: str):
        self.admin_url = admin_url  # a database to connect to for CREATE/DROP

    def exists(self, name: str) -> bool:
        with psycopg.connect(self.admin_url, autocommit=True) as conn:
            return conn.execute("SELECT 1 FROM pg_database WHERE datname = %s",
                                (name,)).fetchone() is not None

    def drop(self, name: str) -> None:
        with psycopg.connect(self.admin_url, autocommit=True) as conn:
            conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(
                sql.Identifier(name)))

    def create(self, name: str, template: str | None = None) -> None:
        statement = sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name))
        if template:
            statement += sql.SQL(" TEMPLATE {}").format(sql.Identifier(template))
        with psycopg.connect(self.admin_url, autocommit=True) as conn:
            conn.execute(statement)

    def copy(self, source: str, target: str) -> None:
        self.drop(target)
        self.create(target, template=source)

    def analyze(self, name: str) -> None:
        """Fresh planner statistics (our servers run without autovacuum)."""
        with psycopg.connect(database_url(self.admin_url, name), autocommit=True) as conn:
            conn.execute("ANALYZE")


def database_url(base: str, name: str) -> str:
    """`base` with its database name replaced: postgres://u@h:p/x -> postgres://u@h:p/name."""
    head, _sep, _old = base.rpartition("/")
    return f"{head}/{name}"
