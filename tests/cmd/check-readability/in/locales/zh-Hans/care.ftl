care-title = 就诊之后
care-what-to-do-heading = 该做什么
care-what-to-do-text = 多喝水。今天休息。每天走一走。
