"""The workload in the GUI: the load beside a worker, and room for CRT measures."""
