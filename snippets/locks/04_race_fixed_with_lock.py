import threading
import time

THREADS = 10
DEPOSITS = 500  # per thread
balance = 0
lock = threading.Lock()


def deposit(amount):
    global balance
    for _ in range(DEPOSITS):
        with lock:  # (1)!
            current = balance
            time.sleep(0.0001)
            balance = current + amount


threads = [threading.Thread(target=deposit, args=(100,)) for _ in range(THREADS)]
for t in threads:
    t.start()
for t in threads:
    t.join()

expected = THREADS * DEPOSITS * 100
print(f"Expected balance: {expected}")
print(f"Final balance:    {balance}")
print(f"Lost updates: {balance != expected}")
