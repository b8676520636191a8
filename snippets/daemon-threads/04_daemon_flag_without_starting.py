import threading


def work():
    pass


print(f"main thread: daemon={threading.main_thread().daemon}")  # (1)!

t = threading.Thread(target=work, name="worker")
print(f"{t.name}: daemon={t.daemon}, alive={t.is_alive()}")  # (2)!

t.daemon = True  # allowed: t has not been started
print(f"{t.name}: daemon={t.daemon}")

helper = threading.Thread(target=work, name="helper", daemon=True)  # (3)!
print(f"{helper.name}: daemon={helper.daemon}")
