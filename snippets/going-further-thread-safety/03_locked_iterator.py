import threading
import time


def read_records():
    for n in range(6):
        time.sleep(0.01)
        yield n


class LockedIterator:  # (1)!
    def __init__(self, iterable):
        self._iterator = iter(iterable)
        self._lock = threading.Lock()

    def __iter__(self):
        return self

    def __next__(self):
        with self._lock:  # (2)!
            return next(self._iterator)


records = LockedIterator(read_records())
taken = []


def worker():
    for record in records:
        taken.append(record)  # (3)!


threads = [threading.Thread(target=worker) for _ in range(2)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(f"Records taken: {sorted(taken)}")
