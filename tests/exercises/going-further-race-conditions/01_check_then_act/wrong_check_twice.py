import threading

balance = 100
paid = []


def withdraw(amount):
    global balance
    if balance >= amount:  # noqa: SIM102 - the wrong answer, as a student writes it
        if balance >= amount:  # checking again does not close the gap
            balance = balance - amount
            paid.append(amount)


threads = [threading.Thread(target=withdraw, args=(80,)) for _ in range(3)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
print(f"balance: {balance}, paid: {paid}")
