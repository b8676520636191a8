import threading


class Account:
    def __init__(self, name, balance):
        self.name = name
        self.balance = balance
        self.lock = threading.Lock()


def transfer(source, target, amount):
    with source.lock, target.lock:
        source.balance -= amount
        target.balance += amount


def pay(source, target, times):
    for _ in range(times):
        transfer(source, target, 1)


alice = Account("alice", 100)
bob = Account("bob", 100)
threads = [
    threading.Thread(target=pay, args=(alice, bob, 20), name="alice-pays"),
    threading.Thread(target=pay, args=(bob, alice, 20), name="bob-pays"),
]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
print(f"alice: {alice.balance}, bob: {bob.balance}")
