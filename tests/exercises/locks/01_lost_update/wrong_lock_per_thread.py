import threading

balance = 0


def deposit(times):
    global balance
    lock = threading.Lock()  # a new lock in each thread: nobody else waits on it
    for _ in range(times):
        with lock:
            current = balance
            balance = current + 100


threads = [threading.Thread(target=deposit, args=(25,)) for _ in range(4)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
print(f"balance: {balance}")
