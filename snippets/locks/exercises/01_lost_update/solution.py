import threading

balance = 0
lock = threading.Lock()


def deposit(times):
    global balance
    for _ in range(times):
        with lock:  # the read and the write, as one step for other threads
            current = balance
            balance = current + 100


threads = [threading.Thread(target=deposit, args=(25,)) for _ in range(4)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
print(f"balance: {balance}")
