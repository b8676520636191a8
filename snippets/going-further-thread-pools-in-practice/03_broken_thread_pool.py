import logging
from concurrent.futures import BrokenExecutor, ThreadPoolExecutor


class LastLineOnly(logging.Formatter):
    def formatException(self, exc_info):  # (1)!
        kind, error, _ = exc_info
        return f"  ... {kind.__name__}: {error}"


handler = logging.StreamHandler()
handler.setFormatter(LastLineOnly("%(levelname)s:%(name)s:%(message)s"))
logging.getLogger("concurrent.futures").handlers = [handler]


def connect():
    raise ConnectionError("database is down")


def query(n):
    return n * 10


pool = ThreadPoolExecutor(max_workers=2, initializer=connect)
future = pool.submit(query, 1)  # (2)!
try:
    future.result()
except BrokenExecutor as error:
    print(f"result() raised {type(error).__name__}: {error}")
try:
    pool.submit(query, 2)  # (3)!
except BrokenExecutor as error:
    print(f"submit() raised {type(error).__name__} too: make a new pool")
pool.shutdown()
