import threading

balance = 100
paid = []
lock = threading.Lock()


def withdraw(amount):
    global balance
    with lock:
        enough = balance >= amount  # the check is locked...
    if enough:  # ...but another thread can act before this one does
        with lock:
            balance = balance - amount
            paid.append(amount)


threads = [threading.Thread(target=withdraw, args=(80,)) for _ in range(3)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
print(f"balance: {balance}, paid: {paid}")
