"""The release step: bring the database schema up to date, one instance at a time.

`flask --app portal db-upgrade` runs before the portal serves (compose.yaml's `migrate` service,
`make up`). When several instances start together, each runs it: on PostgreSQL the first takes a
session-level advisory lock and upgrades; the others wait for the lock and then find nothing to do,
instead of racing to create the same tables. SQLite (the demo) has one instance and needs no lock.
"""

from __future__ import annotations

import hashlib
import logging

from sqlalchemy import text

from portal.store import make_engine, upgrade

log = logging.getLogger(__name__)
# One number that names "upgrading this portal's schema" among PostgreSQL's advisory locks.
LOCK_KEY = int.from_bytes(
    hashlib.sha256(b"personal-budget-portal:db-upgrade").digest()[:8], "big", signed=True
)


def upgrade_with_lock(database_url: str) -> None:
    """Upgrade the schema; on PostgreSQL, hold the advisory lock while doing it."""
    if not database_url.startswith("postgresql"):
        upgrade(database_url)
        return
    engine = make_engine(database_url)
    try:
        with engine.connect() as lock:
            got_it = lock.execute(text("SELECT pg_try_advisory_lock(:key)"), {"key": LOCK_KEY}).scalar()
            if not got_it:
                log.info("Another instance is upgrading the database; waiting for it to finish")
                lock.execute(text("SELECT pg_advisory_lock(:key)"), {"key": LOCK_KEY})
            lock.commit()  # the lock belongs to the session, so it outlives this transaction
            try:
                upgrade(database_url)
            finally:
                lock.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": LOCK_KEY})
                lock.commit()
    finally:
        engine.dispose()
