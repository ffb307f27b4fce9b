from caiwen.cli import app

app(prog_name="caiwen")
