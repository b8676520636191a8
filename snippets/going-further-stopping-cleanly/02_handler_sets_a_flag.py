import signal

stop_requested = False


def on_ctrl_c(signum, frame):  # (1)!
    global stop_requested
    stop_requested = True
    print(f"Got {signal.Signals(signum).name}: finishing the current step")


previous = signal.signal(signal.SIGINT, on_ctrl_c)  # (2)!
step = 0
try:
    while not stop_requested:
        step += 1
        print(f"Step {step}")
        if step == 3:
            signal.raise_signal(signal.SIGINT)  # Ctrl+C, pressed here
finally:
    signal.signal(signal.SIGINT, previous)  # (3)!
print(f"Stopped cleanly after step {step}")
