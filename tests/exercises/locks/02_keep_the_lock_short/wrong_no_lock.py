import threading
import time

total = 0


def fetch(n):
    time.sleep(0.1)  # waiting for a server: touches no shared data
    return n


def add(n):
    global total
    value = fetch(n)
    total += value


threads = [
    threading.Thread(target=add, args=(n,), name=f"adder-{n}") for n in range(1, 6)
]
print("adding 1 to 5")
for t in threads:
    t.start()
for t in threads:
    t.join()
print(f"Total: {total}")
