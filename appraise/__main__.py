from appraise.cli import main

raise SystemExit(main())
