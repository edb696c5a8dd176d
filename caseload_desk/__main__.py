import sys

from caseload_desk.cli.main import main

sys.exit(main())
