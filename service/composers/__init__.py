"""The composers: plan + tool results → the answer text, one module per family, each a
function (writer, plan, results) → Composed named by the intent registry."""
