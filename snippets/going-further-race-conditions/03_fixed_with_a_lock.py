import threading
import time

THREADS = 4
DEPOSITS = 250  # per thread

balance = 0
balance_lock = threading.Lock()


def deposit():
    global balance
    for _ in range(DEPOSITS):
        with balance_lock:  # (1)!
            current = balance
            time.sleep(0.0001)
            balance = current + 1


threads = [threading.Thread(target=deposit) for _ in range(THREADS)]
for t in threads:
    t.start()
for t in threads:
    t.join()

expected = THREADS * DEPOSITS
print(f"Expected balance: {expected}")
print(f"Actual balance:   {balance}")
print(f"Lost updates: {balance < expected}")
