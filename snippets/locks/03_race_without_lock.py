import threading
import time

THREADS = 10
DEPOSITS = 500  # per thread
balance = 0


def deposit(amount):
    global balance
    for _ in range(DEPOSITS):
        current = balance  # (1)!
        time.sleep(0.0001)  # (2)!
        balance = current + amount  # (3)!


threads = [threading.Thread(target=deposit, args=(100,)) for _ in range(THREADS)]
for t in threads:
    t.start()
for t in threads:
    t.join()

expected = THREADS * DEPOSITS * 100
print(f"Expected balance: {expected}")
print(f"Final balance:    {balance}")
print(f"Lost updates: {balance != expected}")  # (4)!
