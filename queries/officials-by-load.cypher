// name: officials-by-load
// description: 领导按负担排序：牵头的任务数、分管的单位数、作为责任单位负责人要负责的任务数。Officials by load.
// parameters: subdistrict — 街道名称；null 表示全部街道
// example: :param subdistrict => '金杨新村街道'
MATCH (o:Official)
WHERE ($subdistrict IS NULL OR o.subdistrict = $subdistrict) AND o.valid_to IS NULL
RETURN o.subdistrict AS subdistrict, o.name AS official, o.role AS role,
       COUNT { (o)-[r:LEADS]->(:Task) WHERE r.valid_to IS NULL } AS tasks_led,
       COUNT { (o)-[r:HEADS]->(:Unit) WHERE r.valid_to IS NULL } AS units_headed,
       COUNT { (o)-[r:ACCOUNTABLE_FOR]->(:Task) WHERE r.valid_to IS NULL } AS tasks_accountable,
       o.evidence_file AS file, o.evidence_line AS line
ORDER BY tasks_led DESC, tasks_accountable DESC, units_headed DESC, subdistrict, official
