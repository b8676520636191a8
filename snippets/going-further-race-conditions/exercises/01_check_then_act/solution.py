import threading

balance = 100
paid = []
lock = threading.Lock()


def withdraw(amount):
    global balance
    with lock:  # the check and the act, with no other thread in between
        if balance >= amount:
            balance = balance - amount
            paid.append(amount)


threads = [threading.Thread(target=withdraw, args=(80,)) for _ in range(3)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
print(f"balance: {balance}, paid: {paid}")
