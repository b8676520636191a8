import threading

counter = 0
counter_lock = threading.Lock()


def count():
    global counter
    for _ in range(3):
        with counter_lock:
            current = counter
        counter = current + 1


threads = [threading.Thread(target=count) for _ in range(3)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(f"Counter: {counter}")
