from concurrent.futures import Future

future = Future()  # (1)!
print(f"New:      done={future.done()}")

future.add_done_callback(lambda f: print(f"Callback: result={f.result()}"))  # (2)!
future.set_result(42)  # (3)!
print(f"Finished: done={future.done()}, result={future.result()}")

failed = Future()
failed.set_exception(ValueError("bad input"))
print(f"Failed:   exception={failed.exception()!r}")  # (4)!
