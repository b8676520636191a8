import threading

balance = 0


def deposit(times):
    global balance
    for _ in range(times):
        current = balance  # read the shared balance
        balance = current + 100  # write it back, 100 more


threads = [threading.Thread(target=deposit, args=(25,)) for _ in range(4)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
print(f"balance: {balance}")
