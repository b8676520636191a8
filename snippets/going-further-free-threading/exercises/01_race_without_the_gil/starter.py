import threading

counter = 0


def count():
    global counter
    for _ in range(3):
        counter += 1


threads = [threading.Thread(target=count) for _ in range(3)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(f"Counter: {counter}")
