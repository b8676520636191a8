import threading


class Hits:
    def __init__(self):
        self.count = 0
        self.lock = threading.Lock()

    def record(self):
        with self.lock:
            seen = self.count
            self.count = seen + 1


hits = Hits()


def visitor():
    for _ in range(3):
        hits.record()


threads = [threading.Thread(target=visitor) for _ in range(3)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(f"Hits: {hits.count}")
