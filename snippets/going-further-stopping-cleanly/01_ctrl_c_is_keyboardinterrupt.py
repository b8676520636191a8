import signal


def work():
    for step in range(1, 6):
        print(f"Step {step}")
        if step == 3:
            signal.raise_signal(signal.SIGINT)  # (1)!


try:
    work()
except Exception:  # (2)!
    print("Never printed: KeyboardInterrupt is not an Exception")
except KeyboardInterrupt:
    print("KeyboardInterrupt: Ctrl+C reached the main thread")
finally:
    print("Cleanup runs either way")  # (3)!
