import threading
import time

THREADS = 4
DEPOSITS = 250  # per thread

balance = 0


def deposit():
    global balance
    for _ in range(DEPOSITS):
        current = balance  # (1)!
        time.sleep(0.0001)  # (2)!
        balance = current + 1  # (3)!


threads = [threading.Thread(target=deposit) for _ in range(THREADS)]
for t in threads:
    t.start()
for t in threads:
    t.join()

expected = THREADS * DEPOSITS
print(f"Expected balance: {expected}")
print(f"Actual balance:   {balance}")
print(f"Lost updates: {balance < expected}")
