import threading

balance = 0


def deposit(amount):
    global balance
    balance += amount  # no lock at all


threads = []
for _ in range(10):
    t = threading.Thread(target=deposit, args=(100,))
    t.start()
    threads.append(t)

for t in threads:
    t.join()

print(f"Final balance: {balance}")
