import threading
import time

balance = 0


def deposit(times):
    global balance
    for _ in range(times):
        current = balance
        balance = current + 100


threads = [threading.Thread(target=deposit, args=(25,)) for _ in range(4)]
for thread in threads:
    thread.start()
    time.sleep(0.1)  # "fixed": each thread is done before the next starts
for thread in threads:
    thread.join()
print(f"balance: {balance}")
