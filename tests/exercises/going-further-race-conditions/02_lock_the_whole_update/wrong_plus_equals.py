import threading


class Hits:
    def __init__(self):
        self.count = 0
        self.lock = threading.Lock()

    def record(self):
        self.count += 1  # one line, but still read, add, write


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
