import threading


class Account:
    def __init__(self):
        self.balance = 0
        self._lock = threading.RLock()  # (1)!

    def deposit(self, amount):
        with self._lock:
            self.balance += amount

    def deposit_all(self, amounts):
        with self._lock:  # (2)!
            for amount in amounts:
                self.deposit(amount)  # (3)!


account = Account()
threads = [
    threading.Thread(target=account.deposit_all, args=([10, 20, 30],)),
    threading.Thread(target=account.deposit_all, args=([40, 50],)),
    threading.Thread(target=account.deposit, args=(100,)),
]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(f"Balance: {account.balance}")
