import threading

me = threading.current_thread()  # (1)!
print(f"This code runs in: {me.name}")
print(f"Is it the main thread? {me is threading.main_thread()}")
print(f"Threads alive right now: {threading.active_count()}")  # (2)!
