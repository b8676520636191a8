import threading
import time
from concurrent.futures import ThreadPoolExecutor

local = threading.local()
opened = []
opened_lock = threading.Lock()


class Connection:
    """Stands in for a client that must not be shared between threads."""

    def __init__(self):
        self.closed = False
        with opened_lock:
            opened.append(self)

    def query(self, n):
        time.sleep(0.05)  # waiting for the server
        return n * 10

    def close(self):
        self.closed = True


def get_connection():
    if not hasattr(local, "connection"):  # (1)!
        local.connection = Connection()
    return local.connection


def task(n):
    return get_connection().query(n)


with ThreadPoolExecutor(max_workers=2) as pool:
    results = list(pool.map(task, range(8)))

for connection in opened:  # (3)!
    connection.close()

print(f"Results: {results}")
print(f"Tasks: 8, connections opened: {len(opened)}")  # (2)!
print(f"Connections closed: {sum(c.closed for c in opened)}")
