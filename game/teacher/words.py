"""The words of the lesson plan and the handout, in English and Spanish (by the class's
``language``; other languages fall back to English)."""

from __future__ import annotations

from types import MappingProxyType

_EN = {
    "plan.title": "Lesson plan: {title}",
    "plan.length": "{minutes}-minute lesson for 13-17-year-olds, one computer (or phone) each.",
    "plan.before": "Before the lesson",
    "plan.check": "Check the class file: <code>python -m game check --class {file}</code>",
    "plan.build": "Put the game where students can open it: <code>python -m game play --class "
    "{file}</code> on lab computers, or <code>python -m game web build --class {file}</code> "
    "and publish the folder.",
    "plan.preview": "Preview the report with scripted players, one command per scenario "
    "(into one folder):<br>{runs}<br>then <code>python -m game report preview --class {file} "
    "--out preview-report</code>.",
    "plan.preview.dir": "preview",
    "plan.print": "Print the students' handout (handout.html), one per student. Print the answer "
    "sheet (answers.html) for yourself only: it has the answers.",
    "plan.print.noquiz": "Print the students' handout (handout.html), one per student.",
    "plan.quiz_with": "The quiz comes with <b>{title}</b> only: students rate the claims before "
    "it and again after its debrief, once in the lesson. The other scenarios have no quiz.",
    "plan.quiz_elsewhere": "No quiz with this scenario (the lesson's quiz comes with {title}).",
    "plan.timeline": "Timeline",
    "plan.minutes": "min",
    "plan.intro": "Introduction",
    "plan.intro.text": "Ask: who has heard that China gives every citizen a score? What did you "
    "hear? Do not correct anyone yet: the game and its quiz will.",
    "plan.play": "Play {title}",
    "plan.play.quiz": "Students rate the claims first (the quiz), play the week, read the "
    "debrief and rate the claims again. They end on their results card (they click "
    "<b>Your results</b> after the debrief).",
    "plan.play.text": "Students play the week and read the debrief (no quiz with this "
    "scenario). They end on their results card (they click <b>Your results</b> after the "
    "debrief).",
    "plan.code": "Results codes",
    "plan.code.text": "Students copy their results code (it starts with MC1-) into {where}.",
    "plan.codes.text": "Students copy their {n} results codes, one per scenario (each starts "
    "with MC1-), into {where}. The report counts a student once if they use the same "
    "nickname (or player name) in every game.",
    "plan.where": "the form or LMS assignment you choose",
    "plan.discuss": "Discussion",
    "plan.discuss.text": "Use the handout's questions. Ask which claims students believed before "
    "and why they were easy to believe.",
    "plan.wrap": "Wrap-up",
    "plan.wrap.text": "Show the class report (<code>python -m game report codes.csv --class {file} "
    "--out report</code>): did the class get better at telling true from false, or only more "
    "sceptical of everything?",
    "plan.over": "The activities take {need} minutes, more than the {have} planned: give less "
    "time to discussion or let students finish at home.",
    "plan.scenarios": "The scenarios",
    "plan.playtime": "About {minutes} min to play: {actions} actions and {words} words to read, "
    "measured from scripted players (8 s an action, 150 words a minute), {included} "
    "included.",
    "plan.with_quiz": "quiz and debrief",
    "plan.with_debrief": "debrief",
    "plan.days": "{days} in-game days",
    "plan.noquiz": "This scenario has no claim quiz.",
    "hand.name": "Name or nickname (optional):",
    "hand.how": "How to play",
    "hand.how.text": "Open the game and choose the scenario your teacher names. Before "
    "{title}, rate each claim honestly: there are no marks for it. Play the whole week, read "
    "the debrief, then rate the claims again.",
    "hand.how.noquiz": "Open the game and choose the scenario your teacher names. Play the "
    "whole week and read the debrief.",
    "hand.claims": "The claims",
    "hand.claims.text": "If the game's quiz is not available, rate each claim here: 1 definitely "
    "false, 2 probably false, 3 maybe false, 4 maybe true, 5 probably true, 6 definitely true.",
    "hand.claim": "Claim",
    "hand.before": "Before",
    "hand.after": "After",
    "hand.questions": "Questions to discuss",
    "hand.code": "Send your results",
    "hand.code.text": "At the end the game shows your results code. It starts with MC1- and has "
    "groups of five letters and digits. Press <b>Copy code</b> (or Ctrl+C) and paste it into "
    "{where}, or copy it exactly by hand. If it is refused, the message says why: copy it again.",
    "hand.code.box": "My results code for {title}:",
    "answers.title": "Answer sheet (teacher only): {title}",
    "answers.warning": "Do not hand this page out before the game: students rate the claims "
    "before they know the answers.",
    "hand.true": "true",
    "hand.false": "false",
    "hand.source": "Source",
}

_ES = {
    "plan.title": "Plan de clase: {title}",
    "plan.length": "Clase de {minutes} minutos para alumnos de 13 a 17 años, un ordenador (o "
    "móvil) por alumno.",
    "plan.before": "Antes de la clase",
    "plan.check": "Comprueba el archivo de clase: <code>python -m game check --class {file}</code>",
    "plan.build": "Deja el juego listo: <code>python -m game play --class {file}</code> en el "
    "aula de informática, o <code>python -m game web build --class {file}</code> y publica la "
    "carpeta.",
    "plan.preview": "Prueba el informe con jugadores automáticos, una orden por escenario (en "
    "una sola carpeta):<br>{runs}<br>y luego <code>python -m game report prueba --class {file} "
    "--out informe-prueba</code>.",
    "plan.preview.dir": "prueba",
    "plan.print": "Imprime la hoja del alumno (handout.html), una por alumno. Imprime la hoja "
    "de respuestas (answers.html) solo para ti: tiene las respuestas.",
    "plan.print.noquiz": "Imprime la hoja del alumno (handout.html), una por alumno.",
    "plan.quiz_with": "El cuestionario va solo con <b>{title}</b>: los alumnos valoran las "
    "afirmaciones antes y otra vez después de su balance, una vez en la clase. Los demás "
    "escenarios no tienen cuestionario.",
    "plan.quiz_elsewhere": "Sin cuestionario en este escenario (el de la clase va con {title}).",
    "plan.timeline": "Desarrollo",
    "plan.minutes": "min",
    "plan.intro": "Introducción",
    "plan.intro.text": "Pregunta: ¿quién ha oído que China da una puntuación a cada ciudadano? "
    "¿Qué habéis oído? No corrijas todavía: lo harán el juego y su cuestionario.",
    "plan.play": "Jugar a {title}",
    "plan.play.quiz": "Los alumnos valoran primero las afirmaciones (el cuestionario), juegan la "
    "semana, leen el balance y vuelven a valorar las afirmaciones. Terminan en su ficha de "
    "resultados (pulsan <b>Tus resultados</b> tras el balance).",
    "plan.play.text": "Los alumnos juegan la semana y leen el balance (sin cuestionario en este "
    "escenario). Terminan en su ficha de resultados (pulsan <b>Tus resultados</b> tras el "
    "balance).",
    "plan.code": "Códigos de resultados",
    "plan.code.text": "Los alumnos copian su código de resultados (empieza por MC1-) en {where}.",
    "plan.codes.text": "Los alumnos copian sus {n} códigos de resultados, uno por escenario "
    "(empiezan por MC1-), en {where}. El informe cuenta a cada alumno una vez si usa el mismo "
    "apodo (o nombre de jugador) en todas las partidas.",
    "plan.where": "el formulario o la tarea que elijas",
    "plan.discuss": "Debate",
    "plan.discuss.text": "Usa las preguntas de la hoja. Pregunta qué afirmaciones creían antes y "
    "por qué eran fáciles de creer.",
    "plan.wrap": "Cierre",
    "plan.wrap.text": "Enseña el informe de la clase (<code>python -m game report codigos.csv "
    "--class {file} --out informe</code>): ¿distingue mejor la clase lo verdadero de lo "
    "falso, o solo duda más de todo?",
    "plan.over": "Las actividades necesitan {need} minutos, más de los {have} previstos: acorta "
    "el debate o deja que terminen en casa.",
    "plan.scenarios": "Los escenarios",
    "plan.playtime": "Unos {minutes} min de juego: {actions} acciones y {words} palabras que "
    "leer, medido con jugadores automáticos (8 s por acción, 150 palabras por minuto), con "
    "{included}.",
    "plan.with_quiz": "cuestionario y balance",
    "plan.with_debrief": "balance",
    "plan.days": "{days} días de juego",
    "plan.noquiz": "Este escenario no tiene cuestionario.",
    "hand.name": "Nombre o apodo (opcional):",
    "hand.how": "Cómo jugar",
    "hand.how.text": "Abre el juego y elige el escenario que diga tu profesor. Antes de "
    "{title}, valora cada afirmación con sinceridad: no cuenta para nota. Juega la semana "
    "entera, lee el balance y vuelve a valorar las afirmaciones.",
    "hand.how.noquiz": "Abre el juego y elige el escenario que diga tu profesor. Juega la "
    "semana entera y lee el balance.",
    "hand.claims": "Las afirmaciones",
    "hand.claims.text": "Si el cuestionario del juego no está disponible, valora cada afirmación "
    "aquí: 1 seguro que es falsa, 2 probablemente falsa, 3 quizá falsa, 4 quizá verdadera, "
    "5 probablemente verdadera, 6 seguro que es verdadera.",
    "hand.claim": "Afirmación",
    "hand.before": "Antes",
    "hand.after": "Después",
    "hand.questions": "Preguntas para el debate",
    "hand.code": "Envía tus resultados",
    "hand.code.text": "Al final el juego muestra tu código de resultados. Empieza por MC1- y "
    "tiene grupos de cinco letras y cifras. Pulsa <b>Copiar código</b> (o Ctrl+C) y pégalo en "
    "{where}, o cópialo tal cual a mano. Si no lo acepta, el mensaje dice por qué: cópialo otra "
    "vez.",
    "hand.code.box": "Mi código de resultados de {title}:",
    "answers.title": "Hoja de respuestas (solo para el profesor): {title}",
    "answers.warning": "No repartas esta hoja antes del juego: los alumnos valoran las "
    "afirmaciones antes de saber las respuestas.",
    "hand.true": "verdadera",
    "hand.false": "falsa",
    "hand.source": "Fuente",
}

TABLES = MappingProxyType({"en": MappingProxyType(_EN), "es": MappingProxyType(_ES)})


def words(language: str) -> dict[str, str]:
    """The table for ``language`` ("es-MX" reads "es"), English for anything else."""
    base = language.split("-")[0].lower()
    return {**_EN, **TABLES.get(base, {})}
