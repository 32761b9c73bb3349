import sys

from bench.web.run import main

sys.exit(main())
