import threading
import time
from concurrent.futures import ThreadPoolExecutor


class Connection:
    """A client that must never be used by two threads at once."""

    def __init__(self):
        self.in_use = False
        self.misuses = 0

    def query(self, n):
        if self.in_use:
            self.misuses += 1  # another thread is in the middle of a query
        self.in_use = True
        time.sleep(0.05)  # waiting for the server
        self.in_use = False
        return n * 10


opened = []
local = threading.local()


def get_connection():
    if not hasattr(local, "connection"):
        local.connection = Connection()
        opened.append(local.connection)
    return local.connection


def task(n):
    return get_connection().query(n)


with ThreadPoolExecutor(max_workers=2) as pool:
    results = list(pool.map(task, range(6)))
print(f"Results: {results}")
print(f"Connections: {len(opened)}")
print(f"Misuses: {sum(c.misuses for c in opened)}")
