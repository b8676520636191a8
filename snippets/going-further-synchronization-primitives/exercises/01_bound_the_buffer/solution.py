import threading


class Buffer:
    """Holds at most `capacity` items; put() waits while full, get() while empty."""

    def __init__(self, capacity):
        self.capacity = capacity
        self.items = []
        self.changed = threading.Condition()

    def put(self, item):
        with self.changed:
            self.changed.wait_for(lambda: len(self.items) < self.capacity)
            self.items.append(item)
            self.changed.notify_all()

    def get(self):
        with self.changed:
            self.changed.wait_for(lambda: self.items)
            item = self.items.pop(0)
            self.changed.notify_all()
            return item


buffer = Buffer(capacity=2)
received = []
most_held = 0


def producer(name):
    global most_held
    for n in range(3):
        buffer.put(f"{name}{n}")
        most_held = max(most_held, len(buffer.items))


def consumer():
    for _ in range(3):
        received.append(buffer.get())


threads = [threading.Thread(target=producer, args=(name,)) for name in "ab"]
threads += [threading.Thread(target=consumer) for _ in range(2)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(f"Received: {len(received)} items")
print(f"Most items held: {most_held}")
