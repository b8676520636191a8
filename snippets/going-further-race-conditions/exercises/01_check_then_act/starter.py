import threading

balance = 100
paid = []


def withdraw(amount):
    global balance
    if balance >= amount:  # check: is there enough money?
        balance = balance - amount  # act: take it
        paid.append(amount)


threads = [threading.Thread(target=withdraw, args=(80,)) for _ in range(3)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
print(f"balance: {balance}, paid: {paid}")
