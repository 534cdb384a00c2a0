"""Interface texts for the day recap, the score history, the debrief's badge, the results card,
the composer and the settings preview, in English and Spanish (merged into ``strings``)."""

from __future__ import annotations

EN: dict[str, str] = {
    "recap.now": "Your {name} now",
    "recap.tier": "Tier: {tier}",
    "recap.span": "{before} \u2192 {after}",
    "recap.today": "Today (day {day})",
    "recap.mood": "Day {day}: {mood}",
    "recap.mood.rough": "a rough day",
    "recap.mood.knocks": "a few knocks",
    "recap.mood.quiet": "a quiet day",
    "recap.mood.good": "a good day",
    "recap.mood.great": "a great day",
    "recap.next_morning": "Tomorrow morning",
    "recap.morning_after": "The next morning",
    "recap.morning_day": "{when} (day {day})",
    "recap.who": "{names}: {text}",
    "recap.names_more": "{names} and {n} more",
    "recap.quiet": "Day {day}: a quiet day, nothing changed",
    "recap.each": "{n} times {each}",
    "recap.started": "You started the week at {score}.",
    "recap.final": "Your final {name}",
    "settings.preview_name": "Mei Chen",
    "settings.preview_text": "This is how posts look at this text size. Easy to read? \U0001f44d",
    "composer.choices_only": "Pick something to post:",
    "briefing.score_moved": "Your score, \u201c{name}\u201d, started at {start}; this morning it "
    "is already {score} "
    "(the bar at the top says why). That puts you in the tier \u201c{tier}\u201d: scores are "
    "sorted into groups called tiers, and each tier opens or closes things for you.",
}

ES: dict[str, str] = {
    "recap.now": "Tu {name} ahora",
    "recap.tier": "Nivel: {tier}",
    "recap.span": "{before} \u2192 {after}",
    "recap.today": "Hoy (día {day})",
    "recap.mood": "Día {day}: {mood}",
    "recap.mood.rough": "un día duro",
    "recap.mood.knocks": "algunos golpes",
    "recap.mood.quiet": "un día tranquilo",
    "recap.mood.good": "un buen día",
    "recap.mood.great": "un día genial",
    "recap.next_morning": "Mañana por la mañana",
    "recap.morning_after": "A la mañana siguiente",
    "recap.morning_day": "{when} (día {day})",
    "recap.who": "{names}: {text}",
    "recap.names_more": "{names} y {n} más",
    "recap.quiet": "Día {day}: un día tranquilo, nada cambió",
    "recap.each": "{n} veces {each}",
    "recap.started": "Empezaste la semana con {score}.",
    "recap.final": "Tu {name} final",
    "settings.preview_name": "Mei Chen",
    "settings.preview_text": "Así se ven las publicaciones con este tamaño de letra. ¿Se lee bien? "
    "\U0001f44d",
    "composer.choices_only": "Elige qué publicar:",
    "briefing.score_moved": "Tu puntuación, \u201c{name}\u201d, empezó en {start}; esta mañana ya "
    "es {score} (la barra de "
    "arriba dice por qué). Eso te pone en el nivel \u201c{tier}\u201d: las puntuaciones se agrupan "
    "en niveles, y cada nivel te abre o te cierra puertas.",
}
