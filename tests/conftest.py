pytest_plugins = ["conftest_plugin"]
