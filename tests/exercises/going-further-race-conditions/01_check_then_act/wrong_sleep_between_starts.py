import threading
import time

balance = 100
paid = []


def withdraw(amount):
    global balance
    if balance >= amount:
        balance = balance - amount
        paid.append(amount)


threads = [threading.Thread(target=withdraw, args=(80,)) for _ in range(3)]
for thread in threads:
    thread.start()
    time.sleep(0.01)  # "fixed": the next thread starts once this one is done
for thread in threads:
    thread.join()
print(f"balance: {balance}, paid: {paid}")
