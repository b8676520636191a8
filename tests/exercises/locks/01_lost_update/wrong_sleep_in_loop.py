import threading
import time

balance = 0


def deposit(times):
    global balance
    for _ in range(times):
        time.sleep(0.001)  # "fixed": give the other threads time first
        current = balance
        balance = current + 100


threads = [threading.Thread(target=deposit, args=(25,)) for _ in range(4)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
print(f"balance: {balance}")
