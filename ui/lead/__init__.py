"""班长台: the team lead's board of seats, moving work, 疏忙导闲."""
