"""The screens of the game, one module per group: title, play (feed), panels, composer, summary,
debrief and the error screen."""
