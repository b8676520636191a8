import subprocess
import sys

probe = "import sys; print(getattr(sys, '_is_gil_enabled', lambda: True)())"
done = subprocess.run(
    [sys.executable, "-X", "gil=1", "-c", probe],  # (1)!
    capture_output=True,
    text=True,
    check=True,
)
print(f"GIL enabled under -X gil=1: {done.stdout.strip()}")
